// The app version, from package.json at build time (bundlers and tsx both inline the JSON import).
import packageJson from '../../../package.json';

export const SEQLAB_VERSION: string = packageJson.version;
