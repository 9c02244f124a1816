// Runs before first paint: the stored choice, else the system preference, decides the theme.
const script = `(function(){try{var t=localStorage.getItem("theme");var d=t?t==="dark":matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d);}catch(e){}})();`;

export function ThemeScript() {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a fixed inline script, no user input
  return <script dangerouslySetInnerHTML={{ __html: script }} />;
}
