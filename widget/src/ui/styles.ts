/**
 * The iframe's stylesheet. `--accent` and `--on-accent` are set from the widget's colour on the
 * root element. Sizes in px: the iframe's document is ours, the host's font size does not apply.
 */
export const STYLES = `
*,*::before,*::after{box-sizing:border-box}
html,body{margin:0;height:100%;background:transparent;overflow:hidden}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d2330;-webkit-font-smoothing:antialiased}
#main-mobile{height:100%}
.root{--accent:#2458e6;--on-accent:#fff;height:100%;position:relative}
button,input,textarea{font:inherit;color:inherit}
button{cursor:pointer}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}

.launcher{position:absolute;bottom:16px;right:24px;width:60px;height:60px;border:0;border-radius:50%;background:var(--accent);color:var(--on-accent);display:grid;place-items:center;box-shadow:0 6px 20px rgba(16,24,40,.22);transition:transform .15s ease}
.left .launcher{right:auto;left:24px}
.launcher:hover{transform:scale(1.06)}
.launcher.offline{background:#fff;color:#374151;box-shadow:0 6px 20px rgba(16,24,40,.18),inset 0 0 0 1px #e3e6ec}
.launcher svg{width:28px;height:28px}
.presence{position:absolute;top:4px;right:4px;width:14px;height:14px;border-radius:50%;background:#12b76a;border:2px solid #fff}
.badge{position:absolute;top:-2px;left:-2px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#d92d20;color:#fff;font-size:12px;font-weight:700;display:grid;place-items:center;border:2px solid #fff}

.bubble-wrap{position:absolute;left:24px;right:24px;bottom:92px}
.bubble{position:relative;width:100%;background:#fff;border-radius:16px;padding:14px 40px 14px 14px;box-shadow:0 8px 20px rgba(16,24,40,.14),0 2px 6px rgba(16,24,40,.08);display:flex;gap:10px;align-items:flex-start;text-align:left;border:0}
.bubble p{margin:2px 0 0;color:#344054}
.bubble .who{font-weight:600;font-size:13px}
.bubble-wrap .dismiss{position:absolute;top:6px;right:6px;color:#667085}
.bubble-wrap .dismiss:hover{background:#f2f4f7}
.panel{position:absolute;inset:24px 24px 92px 24px;background:#fff;border-radius:18px;box-shadow:0 10px 24px rgba(16,24,40,.16),0 2px 6px rgba(16,24,40,.08);display:flex;flex-direction:column;overflow:hidden;animation:rise .18s ease-out}
.full .panel{inset:0;border-radius:0}
@keyframes rise{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}
@media (prefers-reduced-motion:reduce){.panel,.typing i{animation:none}.launcher{transition:none}}
.header{background:var(--accent);color:var(--on-accent);padding:14px 12px 14px 16px;display:flex;align-items:center;gap:12px}
.header .titles{flex:1;min-width:0}
.header h1{font-size:16px;margin:0;font-weight:650;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.header .status{font-size:12.5px;opacity:.86;display:flex;align-items:center;gap:6px}
.dot{width:8px;height:8px;border-radius:50%;background:#6ce9a6;display:inline-block}
.dot.off{background:#d0d5dd}
.icon-btn{border:0;background:transparent;color:inherit;width:34px;height:34px;border-radius:10px;display:grid;place-items:center;flex:none}
.icon-btn:hover{background:rgba(255,255,255,.16)}
.icon-btn svg{width:20px;height:20px}
.avatar{width:38px;height:38px;border-radius:50%;background:#eef2ff;color:#3538cd;display:grid;place-items:center;font-weight:700;font-size:15px;flex:none;overflow:hidden;object-fit:cover}
.header .avatar{background:rgba(255,255,255,.2);color:var(--on-accent);box-shadow:0 0 0 2px rgba(255,255,255,.35)}
.avatar.small{width:28px;height:28px;font-size:12px}

.body{flex:1;overflow-y:auto;padding:18px 16px;background:#fafbfc;overscroll-behavior:contain}
.body-log{display:flex;flex-direction:column;gap:6px}
.intro{color:#475467;margin:0 0 14px}
form.card{display:flex;flex-direction:column;gap:12px}
label{font-weight:600;font-size:13px;display:flex;flex-direction:column;gap:6px;color:#344054}
label .opt{font-weight:400;color:#667085}
input,textarea{border:1px solid #d0d5dd;border-radius:10px;padding:10px 12px;background:#fff;width:100%;font-size:14px;font-weight:400}
input:focus,textarea:focus{outline:none;border-color:var(--accent);box-shadow:0 0 0 3px color-mix(in srgb,var(--accent) 22%,transparent)}
input[readonly]{background:#f2f4f7;color:#475467}
textarea{resize:none;min-height:84px}
.field-error{color:#b42318;font-weight:500;font-size:12.5px}
[aria-invalid=true]{border-color:#f04438}
.primary{border:0;border-radius:10px;background:var(--accent);color:var(--on-accent);font-weight:650;padding:11px 16px;width:100%}
.primary:disabled{opacity:.6;cursor:default}
.secondary{border:1px solid #d0d5dd;border-radius:10px;background:#fff;padding:9px 14px;font-weight:600;color:#344054}
.link{border:0;background:none;color:#475467;text-decoration:underline;padding:6px}

.row{display:flex;gap:8px;align-items:flex-end;max-width:100%}
.row.me{justify-content:flex-end}
.stack{display:flex;flex-direction:column;gap:3px;max-width:78%;min-width:0}
.me .stack{align-items:flex-end}
.sender{font-size:12px;color:#667085;margin-left:4px}
.msg{padding:9px 13px;border-radius:16px;white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;box-shadow:0 1px 2px rgba(16,24,40,.08);border:1px solid #eaecf0}
.me .msg{background:var(--accent);color:var(--on-accent);border-color:transparent;border-bottom-right-radius:6px}
.them .msg{border-bottom-left-radius:6px}
.spacer{width:28px;flex:none}
.notice{align-self:center;text-align:center;color:#667085;font-size:12.5px;margin:8px 0;max-width:90%}
.seen{font-size:11.5px;color:#98a2b3;margin-right:4px}
.buttons{display:flex;flex-wrap:wrap;gap:6px;margin-top:4px}
.choice{border:1.5px solid var(--accent);color:var(--accent);background:#fff;border-radius:999px;padding:6px 12px;font-weight:600;font-size:13px}
.choice:hover{background:color-mix(in srgb,var(--accent) 8%,#fff)}
.cards{display:flex;flex-direction:column;gap:8px;margin-top:4px;width:100%}
.cards.horizontal{flex-direction:row;overflow-x:auto;padding-bottom:4px}
.cards.horizontal .c{min-width:200px}
.c{border:1px solid #eaecf0;border-radius:12px;background:#fff;padding:10px 12px}
.c strong{display:block}
.c p{margin:4px 0 0;color:#475467;font-size:13px}
.c a{display:inline-block;margin-top:6px;color:var(--accent);font-weight:600;font-size:13px}
.file{display:flex;gap:8px;align-items:center;color:inherit;text-decoration:none;border:0;background:none;padding:6px 8px;text-align:left}
.file svg{flex:none;width:22px;height:22px}
.file span{overflow-wrap:break-word}
.file small{opacity:.75}
.thumb{max-width:100%;max-height:200px;border-radius:12px;display:block}
.msg.media{padding:4px;background:#fff;border-color:#eaecf0;color:#1d2330}
.typing{display:inline-flex;gap:4px;padding:12px 14px}
.typing i{width:7px;height:7px;border-radius:50%;background:#98a2b3;animation:blink 1.2s infinite both}
.typing i:nth-child(2){animation-delay:.2s}.typing i:nth-child(3){animation-delay:.4s}
@keyframes blink{0%,80%,100%{opacity:.3}40%{opacity:1}}

.composer{border-top:1px solid #eaecf0;padding:10px 10px 10px 12px;display:flex;gap:6px;align-items:flex-end;background:#fff}
.composer textarea{border:0;min-height:40px;max-height:120px;padding:10px 4px;box-shadow:none;flex:1}
.composer textarea:focus{box-shadow:none}
.send{background:var(--accent);color:var(--on-accent)}
.send:hover{background:var(--accent);filter:brightness(1.08)}
.attach{color:#667085}
.attach:hover{background:#f2f4f7}
.alert{background:#fef3f2;color:#b42318;padding:8px 12px;font-size:13px;border-top:1px solid #fee4e2}
.banner{background:#fffaeb;color:#93370d;padding:6px 12px;font-size:12.5px;text-align:center}

.post{margin-top:10px;background:#fff;border:1px solid #eaecf0;border-radius:14px;padding:16px;display:flex;flex-direction:column;gap:12px;align-items:stretch}
.post h2{font-size:15px;margin:0;text-align:center}
.scale{display:flex;justify-content:center;gap:6px;flex-wrap:wrap}
.scale.numbers{display:grid;grid-template-columns:repeat(5,38px)}
.star{border:0;background:none;padding:2px;color:#d0d5dd}
.star svg{width:34px;height:34px}
.star.on,.star:hover{color:#fdb022}
.num{width:38px;height:38px;border-radius:10px;border:1px solid #d0d5dd;background:#fff;font-weight:650}
.num:hover,.num.on{background:var(--accent);color:var(--on-accent);border-color:var(--accent)}
.inline{display:flex;gap:8px}
.inline input{flex:1}
.ok{color:#067647;text-align:center;margin:0}
.sent{align-items:center;text-align:center;color:#344054}
.sent svg{width:40px;height:40px;color:#12b76a}
.confirm{position:absolute;inset:0;background:rgba(16,24,40,.45);display:grid;place-items:center;padding:24px}
.confirm div{background:#fff;border-radius:14px;padding:18px;width:100%;max-width:300px;display:flex;flex-direction:column;gap:10px;text-align:center}
.confirm p{margin:0 0 4px;font-weight:650}
`;
