// placeholder: the sidebar's entry point
document.getElementById('app')?.append('Fiche Client');
