// The page's own style and script, served from this server (the Content
// Security Policy allows nothing else): no fonts, images or code from elsewhere.
import { client } from './client.js';

export const APP_JS = `(${client.toString()})();\n`;

// Colours meet WCAG AA contrast on white; every state also has a word and a symbol.
export const APP_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font:16px/1.55 system-ui,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1a1a1a;background:#fff}
body{margin:0}
a{color:#0b4f8a}a:visited{color:#5a2d82}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px;box-shadow:0 0 0 6px #ffbf47}
.skip{position:absolute;left:-999px;top:0;background:#ffbf47;color:#1a1a1a;padding:.5rem 1rem;z-index:2}.skip:focus{left:0}
header{background:#1f3b57;color:#fff;padding:.5rem 1rem}
header .brand{margin:0 0 .3rem;font-weight:600}
header nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
header nav a{display:inline-block;color:#fff;padding:.35rem .7rem;border-radius:4px;text-decoration:none}
header nav a:hover{text-decoration:underline}
header nav a[aria-current="page"]{background:#fff;color:#1f3b57;font-weight:600}
main{max-width:54rem;margin:0 auto;padding:1rem 1rem 3rem}
main:focus{outline:none}
footer{border-top:1px solid #b1b4b6;color:#3d3d3d;padding:1rem;max-width:54rem;margin:0 auto;font-size:.9rem}
h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:2px solid #1f3b57;padding-bottom:.2rem}
h3{font-size:1.1rem;margin:1.5rem 0 .4rem}
h4{font-size:1rem;margin:.2rem 0 .4rem}
.lead{font-size:1.05rem}
.small{font-size:.9rem;color:#3d3d3d;font-weight:400}
code,pre{font-family:ui-monospace,"DejaVu Sans Mono",Consolas,monospace;font-size:.92em}
code{overflow-wrap:anywhere}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f3f2f1;padding:.6rem .8rem;border-radius:4px;margin:.4rem 0}
.programme{background:#eef3f8;border-left:5px solid #1f3b57;padding:.6rem 1rem;margin:.8rem 0}
.programme .aside-title{font-weight:700;margin:.2rem 0 .4rem}
.source{font-size:.88rem;color:#3d3d3d;font-style:italic;margin:.3rem 0}
.prompt{margin:.4rem 0}
.citation{font-size:.95rem}
.task{border-top:1px solid #b1b4b6;margin-top:2rem}
.tag{display:inline-block;background:#1f3b57;color:#fff;font-size:.85rem;padding:.05rem .5rem;border-radius:3px;margin:0}
.field{margin:1.2rem 0 1.6rem}
.optional{font-weight:400;color:#3d3d3d;font-size:.9rem}
label{font-weight:600}
textarea,input:not([type]),input[type=date],select{display:block;width:100%;font:inherit;padding:.5rem;border:2px solid #505a5f;border-radius:3px;background:#fff;color:#1a1a1a}
textarea{min-height:5rem;resize:vertical}
.hint{display:block;color:#3d3d3d;font-size:.92rem;margin:.2rem 0;font-weight:400}
.count{font-size:.9rem;color:#3d3d3d;margin:.25rem 0}.count.over{color:#a4121c;font-weight:600}
.status{min-height:1.4em;margin:.2rem 0;font-size:.95rem}
.status.saved{color:#00703c}.status.error{color:#a4121c;font-weight:600}.status.saving,.status.pending{color:#3d3d3d}
.check{display:flex;gap:.5rem;align-items:flex-start}.check input{width:1.4rem;height:1.4rem;margin-top:.1rem;flex:none}
.check label{font-weight:400}
fieldset.areas{border:1px solid #b1b4b6;border-radius:4px;padding:.3rem 1rem .8rem}fieldset.areas legend{font-weight:600;padding:0 .3rem}
.area{margin:.6rem 0}.area .check{margin:.2rem 0}.note-label{font-weight:400;font-size:.92rem;display:block;color:#3d3d3d}
.conflict{border:3px solid #a4121c;padding:.6rem 1rem;margin:.6rem 0;border-radius:4px}
.versions{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.details mark{background:#fff1a8;color:#1a1a1a;padding:0 .15rem}
.details ul{padding-left:1.2rem}
.warn-text{color:#6b4e00;font-weight:600;margin:.3rem 0}
button,.button{display:inline-block;font:inherit;font-weight:600;background:#00703c;color:#fff;border:2px solid #00703c;border-radius:4px;padding:.45rem 1rem;cursor:pointer;text-decoration:none;margin:.2rem 0}
a.button:visited{color:#fff}
button.secondary,.button.secondary,a.button.secondary:visited{background:#fff;color:#1f3b57;border-color:#1f3b57}
.small-button{font-size:.85rem;padding:.15rem .5rem;background:#fff;color:#1f3b57;border-color:#1f3b57}
.badge{display:inline-block;font-size:.82rem;font-weight:600;padding:0 .45rem;border-radius:3px;border:1px solid currentColor;white-space:nowrap;vertical-align:middle}
.badge.ok{color:#00703c}.badge.part{color:#6b4e00}.badge.no{color:#a4121c}.badge.none{color:#505a5f}
.weeks{list-style:none;padding:0;margin:0}.weeks li{padding:.25rem 0;border-bottom:1px solid #e5e5e5}
.next{background:#f3f2f1;padding:.2rem 1rem .6rem;border-left:5px solid #00703c}
.next h2{border:0}
.notice{padding:.6rem 1rem;border-left:5px solid #1f3b57;background:#f3f2f1;margin:1rem 0}
.notice.warn{border-color:#b58800}.notice.error{border-color:#a4121c}.notice.ok{border-color:#00703c}
.outside{border:2px dashed #505a5f;padding:.4rem .8rem;margin:.8rem 0}.outside-head{font-size:.92rem;margin:.2rem 0}
.toc ul{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;padding:0}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{border-bottom:1px solid #b1b4b6;padding:.4rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #1f3b57}
tbody th{font-weight:400}
td a{display:inline-block;margin:0 .3rem .2rem 0}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.problems li,.reqs li{margin:.4rem 0}.fix{color:#3d3d3d}
fieldset.statement{border:1px solid #b1b4b6;border-radius:4px;padding:.5rem 1rem}
fieldset.statement legend{font-weight:600;padding:0 .3rem}
.scale{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:.4rem 0}
.rate{font-weight:400;display:inline-flex;align-items:center;gap:.3rem;padding:.2rem 0}
.rate input{width:1.2rem;height:1.2rem}
.scale-word{color:#3d3d3d;font-size:.88rem}
.stages{list-style:none;padding:0}
.bar-row{display:grid;grid-template-columns:6rem 1fr 5.5rem;align-items:center;gap:.5rem;margin:.2rem 0}
.bar{display:block;height:1rem;background:#1f3b57;border-radius:2px}
.bar.v0{width:0}.bar.v1{width:20%}.bar.v2{width:40%}.bar.v3{width:60%}.bar.v4{width:80%}.bar.v5{width:100%}
.statement h3{font-size:1rem}
ins{background:#dcefe2;color:#1b4d2a;text-decoration:underline}del{background:#f8dcdc;color:#7a1014;text-decoration:line-through}
.redline{white-space:pre-wrap;border-left:3px solid #b1b4b6;padding-left:.8rem}
.signoff p{margin:.8rem 0}
.actions button{margin-right:.5rem}
@media (min-width:64rem){.weeks{columns:2;column-gap:2rem}.weeks li{break-inside:avoid}}
@media (max-width:40rem){.versions{grid-template-columns:1fr}h1{font-size:1.4rem}.bar-row{grid-template-columns:5rem 1fr 4.8rem}}
`;
