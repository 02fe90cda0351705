// Submit the "Ship to" picker as soon as a country is chosen (the Update button stays for keyboard and no-JS users).
document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
    select.addEventListener('change', function () { select.form.submit(); });
});
