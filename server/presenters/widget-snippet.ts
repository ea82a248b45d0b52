/**
 * The async loader a website pastes before </body>, in the shape SnapEngage
 * customers already use: it inserts the widget script without blocking the page.
 */
export function widgetSnippet(publicUrl: string, widgetId: string): string {
  const src = JSON.stringify(`${publicUrl}/js/${widgetId}.js`);
  return [
    '<script type="text/javascript">',
    '  (function () {',
    "    var se = document.createElement('script'); se.type = 'text/javascript'; se.async = true;",
    `    se.src = ${src};`,
    "    var s = document.getElementsByTagName('script')[0]; s.parentNode.insertBefore(se, s);",
    '  })();',
    '</script>',
  ].join('\n');
}
