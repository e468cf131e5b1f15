// "Imprimer cette fiche": the button exists only when JavaScript can print (it is hidden otherwise).
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
