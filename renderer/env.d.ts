// Globals the renderer can see: `window.seqlab` exists only inside the Electron window (preload bridge).
import type { PreloadBridge } from '../core/common/api/bridge';

declare global {
  interface Window {
    seqlab?: PreloadBridge;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

export {};
