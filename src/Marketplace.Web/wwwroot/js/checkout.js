// Keeps the per-seller totals and the grand total in step with the shipping choices (amounts in minor units).
(function () {
    function format(minor, currency) {
        return (minor / 100).toLocaleString('en-US', { style: 'currency', currency: currency });
    }
    function update() {
        var total = 0;
        var currency = 'USD';
        document.querySelectorAll('.checkout-group').forEach(function (group) {
            var chosen = group.querySelector('.shipping-choice:checked');
            var sum = parseInt(group.dataset.subtotal, 10) + (chosen ? parseInt(chosen.dataset.price, 10) : 0);
            var cell = group.querySelector('.group-total');
            currency = cell.dataset.currency || currency;
            cell.textContent = format(sum, currency);
            total += sum;
        });
        var totalCell = document.getElementById('checkout-total');
        if (totalCell) { totalCell.textContent = format(total, currency); }
    }
    document.querySelectorAll('.shipping-choice').forEach(function (radio) { radio.addEventListener('change', update); });
    update();
})();
