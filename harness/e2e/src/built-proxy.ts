/** The built `switchyard` entry point of proxy-core (turbo runs proxy-core#build before test:e2e). */
export { builtProxyBin } from '@switchyard/testkit/built-proxy';
