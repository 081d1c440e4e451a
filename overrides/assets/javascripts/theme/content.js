// Material for MkDocs 9.8.2's inline script from partials/javascripts/content.html, moved to a file
// so the site runs under a Content-Security-Policy allowing only its own scripts.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
