// Stripe Elements on the pay page: the card goes from the browser to Stripe; Stripe sends the buyer back to
// data-return-url, where the server asks Stripe how the payment went.
(() => {
  const form = document.getElementById('stripe-form');
  if (!form) {
    return;
  }

  const errorBox = document.getElementById('stripe-error');
  const button = document.getElementById('pay-button');
  const showError = (message) => {
    errorBox.textContent = message;
    errorBox.hidden = false;
    button.disabled = false;
  };

  if (typeof Stripe === 'undefined') {
    showError('The card form could not load. Check your connection and reload the page; your items stay reserved.');
    button.disabled = true;
    return;
  }

  const stripe = Stripe(form.dataset.publishableKey);
  const elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
  elements.create('payment').mount('#payment-element');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    errorBox.hidden = true;
    const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: form.dataset.returnUrl } });
    if (error) {
      showError(error.message);
    }
  });
})();
