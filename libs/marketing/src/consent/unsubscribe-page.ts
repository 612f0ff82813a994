import { t, type Locale } from '@app/i18n';

export type UnsubscribePageState = 'confirm' | 'done' | 'invalid' | 'unknown';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The small page an unsubscribe link opens: a confirm button (mail scanners follow links, so GET changes nothing), the result, or what to do with a bad link. */
export function unsubscribePage(state: UnsubscribePageState, locale: Locale, action: string): string {
  const title = t(`marketing.unsubscribe.${state}_title`, {}, locale);
  const text = t(`marketing.unsubscribe.${state}_text`, {}, locale);
  const form =
    state === 'confirm'
      ? `<form method="post" action="${escapeHtml(action)}"><button type="submit">${escapeHtml(t('marketing.unsubscribe.button', {}, locale))}</button></form>`
      : '';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f5f6f8;color:#1f2430;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:32px;max-width:420px;margin:16px}
h1{font-size:20px;margin:0 0 12px}p{line-height:1.5;margin:0 0 20px}
button{background:#2f6fed;color:#fff;border:0;border-radius:8px;padding:10px 18px;font-size:15px;cursor:pointer}
</style>
</head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${form}</main></body>
</html>`;
}
