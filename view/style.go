package view

// stylesheet is the view's CSS. Entity colours follow displaCy's: PERSON
// for PER, ORG for ORG, GPE for LOC (CoNLL's places are mostly countries
// and cities), NORP for MISC (mostly nationalities); other types take
// displaCy's fallback grey. Only the system's fonts are used.
const stylesheet = `.byline-view{--bv-per:#aa9cfc;--bv-org:#7aecec;--bv-loc:#feca74;--bv-misc:#c887fb;--bv-other:#ddd;--bv-sum:#fff3b0;--bv-quote:#2563eb;--bv-ink:#1f2328;--bv-soft:#59636e;
color:var(--bv-ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;max-width:76rem;margin:0 auto;padding:1.25rem;box-sizing:border-box}
.byline-view *{box-sizing:border-box}
.byline-view h1{font-size:1.7rem;line-height:1.25;margin:0 0 .4rem}
.byline-view h2{font-size:.8rem;letter-spacing:.06em;text-transform:uppercase;color:var(--bv-soft);margin:0 0 .5rem}
.bv-meta,.bv-stats{margin:.2rem 0;color:var(--bv-soft);font-size:.9rem}
.bv-meta a{color:inherit}
.bv-cols{display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1.5rem;margin-top:1rem;align-items:start}

.bv-body,.bv-side section{background:#fff;border:1px solid #e3e6ea;border-radius:.6rem;padding:1rem 1.25rem}
.bv-side{display:grid;gap:1rem}
.bv-body p{line-height:2.3;margin:0 0 1rem;white-space:pre-line;overflow-wrap:anywhere}
.bv-legend{list-style:none;margin:0 0 1rem;padding:0 0 .75rem;border-bottom:1px solid #eef0f2;display:flex;flex-wrap:wrap;gap:.35rem 1rem;font-size:.85rem;color:var(--bv-soft)}
.bv-chip{display:inline-block;min-width:2.6rem;text-align:center;padding:0 .35rem;border-radius:.3rem;font-size:.7rem;font-weight:700;line-height:1.6;color:#1f2328}
.bv-key-quote{color:var(--bv-quote);border-bottom:2px solid var(--bv-quote);font-weight:700}
.bv-key-sum{background:var(--bv-sum);padding:0 .3rem;border-radius:.2rem}
mark.bv-ent{color:inherit;padding:.2em .35em;margin:0 .1em;border-radius:.35em;line-height:1;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.bv-lbl{font-size:.62em;font-weight:700;line-height:1;vertical-align:middle;margin-left:.4em;text-transform:uppercase;letter-spacing:.02em}
mark.bv-sum{background:var(--bv-sum);color:inherit;padding:.15em 0;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.bv-quote{position:relative;border-bottom:2px solid var(--bv-quote);padding-bottom:.1em}
.bv-mixed,.bv-indirect{border-bottom-style:dashed}
.bv-quote:focus{outline:2px solid var(--bv-quote);outline-offset:2px;border-radius:.15em}
.bv-speaker{font-weight:650;text-decoration:underline dotted;text-underline-offset:.2em;color:inherit}
a.bv-speaker:hover,a.bv-speaker:focus{color:var(--bv-quote)}
.bv-cue{font-style:italic}
.bv-tip{display:none;position:absolute;left:0;top:calc(100% + .35rem);z-index:10;width:max-content;max-width:min(22rem,80vw);padding:.45rem .65rem;border-radius:.4rem;background:#1f2328;color:#fff;font-size:.82rem;font-style:normal;font-weight:400;line-height:1.45;white-space:normal;box-shadow:0 4px 14px rgba(0,0,0,.2)}
.bv-tip a{color:#9ecbff}
.bv-tk{color:#b7bdc5;text-transform:uppercase;font-size:.72rem;letter-spacing:.05em;margin-right:.25rem}
.bv-quote:hover>.bv-tip,.bv-quote:focus>.bv-tip,.bv-quote:focus-within>.bv-tip{display:block}
.bv-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.bv-entities,.bv-phrases,.bv-summary{margin:0;padding:0 0 0 1.4rem}
.bv-entities li{display:grid;grid-template-columns:auto minmax(0,1fr) 3.5rem 2.2rem;gap:0 .5rem;align-items:center;padding:.3rem 0;margin-left:-1.4rem;list-style:none;border-bottom:1px solid #f0f2f4}
.bv-entities li:last-child{border-bottom:0}
.bv-entities li:target{background:#eef4ff;border-radius:.3rem}
.bv-name{overflow-wrap:anywhere}
.bv-sub{display:block;font-size:.78rem;color:var(--bv-soft);line-height:1.3}
.bv-n{color:var(--bv-soft);font-size:.8rem;font-variant-numeric:tabular-nums;text-align:right}
.bv-entities meter{width:100%;height:.6rem}
.bv-phrases{display:flex;flex-wrap:wrap;gap:.35rem;padding:0;list-style:none}
.bv-phrase{border:1px solid #d6dae0;border-radius:1rem;padding:.05rem .6rem;font-size:.88rem;background:#fff}
.bv-summary li{margin-bottom:.5rem;font-size:.92rem}
.byline-view :focus-visible{outline:2px solid var(--bv-quote);outline-offset:2px}
.bv-PER{background:var(--bv-per)}.bv-ORG{background:var(--bv-org)}.bv-LOC{background:var(--bv-loc)}.bv-MISC{background:var(--bv-misc)}.bv-other{background:var(--bv-other)}
@media (max-width:52rem){.bv-cols{grid-template-columns:minmax(0,1fr)}.byline-view{padding:.75rem}.byline-view h1{font-size:1.35rem}.bv-body{padding:.85rem .9rem}.bv-body p{line-height:2.1}
.bv-tip{position:fixed;left:.75rem;right:.75rem;top:auto;bottom:.75rem;width:auto;max-width:none}}
@media print{.bv-tip{display:none!important}}
`
