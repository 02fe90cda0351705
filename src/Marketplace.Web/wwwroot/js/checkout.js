// Keeps the per-seller totals and the grand total in step with the shipping choices (amounts in minor units), written
// in the page's language with the currency's own decimals (¥ has none, so 1540 minor units are ¥1,540, not ¥15.40).
(function () {
    var locale = document.documentElement.lang || 'en';
    function format(minor, currency) {
        var formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: currency });
        var digits = formatter.resolvedOptions().maximumFractionDigits;
        return formatter.format(minor / Math.pow(10, digits));
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
