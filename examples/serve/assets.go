package main

// The paste page at GET /: a form that posts the article to
// /v1/analyze?view=fragment and shows the view. Its script and styles are
// served from /assets/ so the page's Content-Security-Policy can forbid
// every inline script.

const homeHTML = `
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>byline: see what it finds in an article</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<header class="top"><div class="wrap"><strong>byline</strong><span>entities, quotes, summary and key phrases of a news article</span></div></header>
<main>
<form id="paste" class="wrap card" aria-labelledby="paste-h">
<h1 id="paste-h">Paste an article</h1>
<p class="hint">Scraped page text (headline line, byline, date, body) or a page's HTML. Nothing is fetched and nothing is kept.</p>
<label for="article" class="sr">Article text or HTML</label>
<textarea id="article" name="article" rows="10" required spellcheck="false" placeholder="Headline | Section | Site&#10;&#10;By Reporter Name&#10;&#10;March 4, 2025&#10;&#10;The story’s first paragraph…"></textarea>
<div class="row">
<label>Input <select id="kind"><option value="auto">detect</option><option value="text">page text</option><option value="html">HTML</option></select></label>
<label class="grow">Page URL, for HTML links <input id="url" type="url" placeholder="https://news.example/story"></label>
<button id="analyze" type="submit">Analyze</button>
</div>
<p id="status" role="status" aria-live="polite"></p>
<noscript><p class="hint">This page needs JavaScript to send the article. Without it, POST the article to <code>/v1/analyze?view=html</code>.</p></noscript>
</form>
<div id="result" tabindex="-1" aria-live="polite"></div>
</main>
</body>
</html>
`

const appJS = `"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("paste");
  const article = document.getElementById("article");
  const kind = document.getElementById("kind");
  const pageURL = document.getElementById("url");
  const button = document.getElementById("analyze");
  const status = document.getElementById("status");
  const result = document.getElementById("result");
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = article.value;
    let type = kind.value;
    if (type === "auto") type = /^\s*</.test(text) ? "html" : "text";
    const q = new URLSearchParams({view: "fragment"});
    if (type === "html" && pageURL.value) q.set("url", pageURL.value);
    button.disabled = true;
    status.textContent = "Analysing…";
    try {
      const resp = await fetch("/v1/analyze?" + q.toString(), {
        method: "POST",
        headers: {"Content-Type": (type === "html" ? "text/html" : "text/plain") + "; charset=utf-8"},
        body: text,
      });
      if (!resp.ok) {
        let msg = resp.status + " " + resp.statusText;
        try { msg = (await resp.json()).error; } catch (e) { /* not JSON */ }
        status.textContent = "Could not analyse: " + msg;
        return;
      }
      // The server escapes every piece of the article's text.
      result.innerHTML = await resp.text();
      status.textContent = "Done: hover or focus a quote for its speaker.";
      result.focus();
    } catch (e) {
      status.textContent = "Could not reach the server: " + e.message;
    } finally {
      button.disabled = false;
    }
  });
});
`

const appCSS = `html{background:#f6f7f9}
body{margin:0;color:#1f2328;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.wrap{max-width:76rem;margin:0 auto;padding:0 1.25rem;box-sizing:border-box}
.top{background:#1f2328;color:#fff;padding:.6rem 0}
.top .wrap{display:flex;gap:.8rem;align-items:baseline;flex-wrap:wrap}
.top strong{font-size:1.15rem;letter-spacing:.02em}
.top span{color:#c9d1d9;font-size:.9rem}
.card{margin-top:1.25rem}
.card h1{font-size:1.3rem;margin:0 0 .2rem}
.hint{margin:0 0 .6rem;color:#59636e;font-size:.9rem}
textarea{width:100%;box-sizing:border-box;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:.6rem .7rem;border:1px solid #c9ced6;border-radius:.5rem;background:#fff;resize:vertical}
.row{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:end;margin-top:.6rem}
.row label{display:flex;flex-direction:column;font-size:.82rem;color:#59636e;gap:.2rem}
.row .grow{flex:1 1 16rem}
select,input{font:inherit;font-size:.95rem;padding:.35rem .5rem;border:1px solid #c9ced6;border-radius:.4rem;background:#fff;color:#1f2328}
button{font:inherit;font-weight:600;padding:.45rem 1.3rem;border:0;border-radius:.45rem;background:#2563eb;color:#fff;cursor:pointer}
button:hover{background:#1d4ed8}
button:disabled{background:#8aa9ec;cursor:progress}
:focus-visible{outline:2px solid #2563eb;outline-offset:2px}
#status{min-height:1.5em;margin:.5rem 0 0;color:#59636e;font-size:.9rem}
#result:focus{outline:none}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`

const iconSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f2328"/><rect x="6" y="9" width="9" height="6" rx="2" fill="#aa9cfc"/><rect x="17" y="9" width="9" height="6" rx="2" fill="#7aecec"/><rect x="6" y="18" width="20" height="5" rx="2" fill="#feca74"/></svg>`
