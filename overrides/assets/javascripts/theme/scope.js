// Material for MkDocs 9.8.2's inline script from partials/javascripts/base.html, moved to a file
// so the site runs under a Content-Security-Policy allowing only its own scripts.
// Where the original resolves the page's base_url against the page, this resolves the site
// root from this file's own URL (assets/javascripts/theme/, three folders up): the same URL.
//
// Two additions, before Material's line (kept last: a test compares it with upstream).
// Both do here, before anything is drawn, what Material's bundle would do after the first
// paint, when it costs a restyle of the whole page (blocking time on a phone):
// - the stylesheet links become absolute URLs. Instant navigation makes every relative
//   link absolute when it starts (resolve() in integrations/instant), and a stylesheet
//   link whose href changes is parsed again: about 100 ms per page load on a phone;
// - the page is marked as running JavaScript (the bundle swaps "no-js" for "js" too),
//   so the search button and the sidebars are in place from the first paint.
for(const e of document.querySelectorAll('link[rel=stylesheet]'))e.href=e.href
document.documentElement.classList.replace("no-js","js")
__md_scope=document.currentScript.dataset.scope?new URL(document.currentScript.dataset.scope,location):new URL("../../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
