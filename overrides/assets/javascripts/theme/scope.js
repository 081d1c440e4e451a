// Material for MkDocs 9.8.2's inline script from partials/javascripts/base.html, moved to a file
// so the site runs under a Content-Security-Policy allowing only its own scripts.
// Where the original resolves the page's base_url against the page, this resolves the site
// root from this file's own URL (assets/javascripts/theme/, three folders up): the same URL.
//
// One addition, before Material's line (kept last: a test compares it with upstream):
// the stylesheet links become absolute URLs here, before anything is drawn. Material's
// instant navigation makes every relative link absolute when it starts (resolve() in
// integrations/instant); a stylesheet link whose href changes then is parsed again and
// the whole page restyled: about 100 ms of blocking time per page load on a phone.
for(const e of document.querySelectorAll('link[rel=stylesheet]'))e.href=e.href
__md_scope=document.currentScript.dataset.scope?new URL(document.currentScript.dataset.scope,location):new URL("../../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
