// Keeps the per-seller totals and the grand total in step with the shipping choices (amounts in minor units), written
// the way the server writes them: its separators for the page's language (data-group, data-decimal), the currency's own
// decimals (¥ has none, so 1540 minor units are ¥1,540, not ¥15.40) and its pattern for the symbol (data-pattern, e.g.
// "¥{n}", "{n} €").
(function () {
    // The number with the server's separators (browsers and .NET disagree on some, e.g. Spanish 4-digit grouping).
    function format(minor, cell) {
        var digits = parseInt(cell.dataset.digits, 10);
        var parts = (minor / Math.pow(10, digits)).toFixed(digits).split('.');
        var number = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, cell.dataset.group) + (digits > 0 ? cell.dataset.decimal + parts[1] : '');
        return cell.dataset.pattern.replace('{n}', number);
    }
    function update() {
        var total = 0;
        var last = null;
        document.querySelectorAll('.checkout-group').forEach(function (group) {
            var chosen = group.querySelector('.shipping-choice:checked');
            var sum = parseInt(group.dataset.subtotal, 10) + (chosen ? parseInt(chosen.dataset.price, 10) : 0);
            var cell = group.querySelector('.group-total');
            cell.textContent = format(sum, cell);
            last = cell;
            total += sum;
        });
        var totalCell = document.getElementById('checkout-total');
        if (totalCell && last) { totalCell.textContent = format(total, last); }
    }
    document.querySelectorAll('.shipping-choice').forEach(function (radio) { radio.addEventListener('change', update); });
    update();
})();
