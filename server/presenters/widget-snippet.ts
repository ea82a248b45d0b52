/**
 * The async loader a website pastes before </body>, in the shape SnapEngage customers already
 * use: it inserts the widget script without blocking the page, and runs the JavaScript API code
 * placed in its onload block once `window.SnapEngage` exists.
 */
export function widgetSnippet(publicUrl: string, widgetId: string): string {
  const src = JSON.stringify(`${publicUrl}/js/${widgetId}.js`);
  return [
    '<!-- begin Switchboard chat code -->',
    '<script type="text/javascript">',
    '  (function () {',
    "    var se = document.createElement('script'); se.type = 'text/javascript'; se.async = true;",
    `    se.src = ${src};`,
    '    var done = false;',
    '    se.onload = se.onreadystatechange = function () {',
    "      if (!done && (!this.readyState || this.readyState === 'loaded' || this.readyState === 'complete')) {",
    '        done = true;',
    '        /* Place your SnapEngage JS API code below */',
    '        /* Example: SnapEngage.allowChatSound(true); */',
    '      }',
    '    };',
    "    var s = document.getElementsByTagName('script')[0]; s.parentNode.insertBefore(se, s);",
    '  })();',
    '</script>',
    '<!-- end Switchboard chat code -->',
  ].join('\n');
}
