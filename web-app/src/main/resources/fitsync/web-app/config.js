// The settings the server wrote into the page (tile server, sign-in methods, library locations).

const element = document.getElementById('fitsync-config');
export const config = Object.freeze(element ? JSON.parse(element.textContent) : {assets: {}});

const loaded = new Map();

/** Loads a library that is not a module (Leaflet, uPlot) once, with its stylesheet when it has one. */
export function loadLibrary(name) {
  if (!loaded.has(name)) {
    const style = config.assets[`vendor/${name}.css`];
    if (style) document.head.append(Object.assign(document.createElement('link'), {rel: 'stylesheet', href: style}));
    loaded.set(name, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = config.assets[`vendor/${name}.js`];
      script.onload = resolve;
      script.onerror = () => reject(new Error(`${name} could not be loaded`));
      document.head.append(script);
    }));
  }
  return loaded.get(name);
}
