// /admin/: the form editor's previews use the site's own style sheet.
window.CMS.registerPreviewStyle(document.querySelector('script[src$="admin.js"]').src.replace(/js\/admin\.js$/, "css/site.css"));
