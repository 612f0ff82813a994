/**
 * The widget's look, inside its shadow root: the host page's rules cannot reach in, and `all:
 * initial` on the host stops inherited ones (fonts, colours, letter spacing) at the border.
 */
export const styles = `
:host { all: initial; }
.root {
  --accent: #2f6fed;
  --on-accent: #ffffff;
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  font: 14px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f2430; letter-spacing: normal; text-align: left;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
button, input, textarea { font: inherit; color: inherit; letter-spacing: normal; }
.launcher {
  width: 56px; height: 56px; border-radius: 50%; border: 0; padding: 0; cursor: pointer;
  background: var(--accent); color: var(--on-accent);
  box-shadow: 0 6px 20px rgba(20, 30, 60, 0.28); display: grid; place-items: center; position: relative;
}
.launcher svg { width: 26px; height: 26px; }
.launcher:focus-visible, .window button:focus-visible { outline: 3px solid rgba(47, 111, 237, 0.45); outline-offset: 2px; }
.badge {
  position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px;
  background: #e5484d; color: #fff; font-size: 12px; font-weight: 600; line-height: 20px; text-align: center;
}
.window {
  position: absolute; right: 0; bottom: 72px; width: 360px; height: min(560px, calc(100vh - 110px));
  display: flex; flex-direction: column; overflow: hidden;
  background: #ffffff; border-radius: 16px; box-shadow: 0 12px 40px rgba(20, 30, 60, 0.25);
}
.window[hidden], [hidden] { display: none !important; }
.header { background: var(--accent); color: var(--on-accent); padding: 14px 16px; display: flex; gap: 12px; align-items: flex-start; }
.header .titles { flex: 1; min-width: 0; }
.title { font-size: 16px; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.subtitle { font-size: 12px; opacity: 0.9; margin-top: 2px; }
.close { background: transparent; border: 0; color: inherit; cursor: pointer; font-size: 22px; line-height: 1; padding: 0 2px; }
.status { padding: 8px 16px; font-size: 12px; background: #fff6dc; color: #6b5200; border-bottom: 1px solid #f1e2b3; }
.status.refused { background: #fdecec; color: #8a1c1c; border-color: #f5caca; padding: 16px; font-size: 14px; }
.root[data-state="refused"] .composer, .root[data-state="refused"] .contact, .root[data-state="refused"] .greeting { display: none !important; }
.thread { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 8px; background: #f6f7fb; }
.bubble { max-width: 82%; padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }
.bubble a { color: inherit; text-decoration: underline; }
.agent { align-self: flex-start; background: #ffffff; border: 1px solid #e3e6ee; border-bottom-left-radius: 4px; }
.visitor { align-self: flex-end; background: var(--accent); color: var(--on-accent); border-bottom-right-radius: 4px; }
.meta { display: block; font-size: 11px; opacity: 0.7; margin-top: 2px; text-align: right; }
.pending { opacity: 0.75; }
.failed { background: #fdecec; color: #8a1c1c; }
.attachment { display: block; margin-top: 4px; }
.with-answers { display: flex; flex-direction: column; align-items: flex-start; }
.quick-answers { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0 8px; }
.quick-answer { border: 1px solid var(--accent, #2f6fed); border-radius: 14px; background: #fff; color: var(--accent, #2f6fed); padding: 5px 12px; font: inherit; cursor: pointer; text-decoration: none; }
.quick-answer:hover { background: #f3f6ff; }
.typing { padding: 0 16px 6px; font-size: 12px; color: #5b6275; background: #f6f7fb; }
.contact { padding: 12px 16px; border-top: 1px solid #e3e6ee; display: grid; gap: 8px; background: #ffffff; }
.contact .hint { font-size: 13px; font-weight: 600; }
.saved { padding: 8px 16px; font-size: 13px; color: #1f6f43; background: #effaf3; border-top: 1px solid #d5eedd; }
.contact input {
  width: 100%; padding: 8px 10px; border: 1px solid #cfd4df; border-radius: 8px; background: #fff; font-size: 16px;
}
.contact .error { color: #b42318; font-size: 12px; }
.contact .actions { display: flex; gap: 8px; justify-content: flex-end; }
.primary { background: var(--accent); color: var(--on-accent); border: 0; border-radius: 8px; padding: 8px 14px; cursor: pointer; font-weight: 600; }
.primary:disabled { opacity: 0.5; cursor: default; }
.secondary { background: transparent; border: 1px solid #cfd4df; border-radius: 8px; padding: 8px 14px; cursor: pointer; }
.composer { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid #e3e6ee; background: #ffffff; align-items: flex-end; }
.composer textarea:focus, .contact input:focus { outline: 2px solid var(--accent); outline-offset: -1px; border-color: transparent; }
.composer textarea {
  flex: 1; resize: none; border: 1px solid #cfd4df; border-radius: 10px; padding: 8px 10px; max-height: 120px;
  font-size: 16px; line-height: 1.35; background: #fff;
}
@media (max-width: 480px) {
  .root { right: 16px; bottom: 16px; }
  .window { position: fixed; inset: 0; width: auto; height: auto; border-radius: 0; }
  .root.open .launcher { display: none; }
}
`;
