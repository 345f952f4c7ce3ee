/**
 * The HTML around each page embed.js frames: the shared base styles, the page's own stylesheet and
 * script (same-origin files, so the CSP needs no inline code), and its body.
 */
export function pageDocument({
  title,
  stylesheet,
  script,
  body,
}: {
  title: string;
  stylesheet: string;
  script: string;
  body: string;
}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title}</title>
<link rel="stylesheet" href="/connect/base.css">
<link rel="stylesheet" href="/connect/${stylesheet}">
<script src="/connect/${script}" defer></script>
</head>
<body>
${body}
</body>
</html>
`;
}
