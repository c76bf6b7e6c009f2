// @ts-check
/**
 * proxy-core's folder layering (docs/layering.md), enforced: each rule names the folders a layer must not
 * import. Tests and `testing/` helpers may reach across layers to build their rigs; shipped code may not.
 * Paths are relative to the repository root, where eslint.config.mjs spreads these rules in.
 */
const SRC = 'packages/proxy-core/src';

/** @param {readonly string[]} folders */
const folders = (folders) => folders.map((folder) => `**/${folder}/**`);

/**
 * @param {string} layer
 * @param {readonly string[]} forbidden import patterns (gitignore style)
 * @param {string} why
 */
const layer = (layer, forbidden, why) => ({
  files: [`${SRC}/${layer}/**/*.ts`],
  ignores: ['**/*.test.ts', '**/testing/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: [...forbidden], message: `${layer}/ ${why} (docs/layering.md).` }] },
    ],
  },
});

const ABOVE_THE_CALL = ['server', 'routes', 'control-plane', 'model-plane'];

export const proxyCoreLayers = [
  layer('errors', ['../**'], 'is the leaf every layer uses: it imports nothing of the proxy'),
  layer(
    'http',
    folders(['server', 'routes', 'model-plane', 'control-plane', 'store', 'streaming', 'providers']),
    'only renders errors',
  ),
  layer(
    'store',
    folders([...ABOVE_THE_CALL, 'streaming', 'providers', 'dialects']),
    'owns its records and knows nothing above it',
  ),
  layer(
    'streaming',
    folders([...ABOVE_THE_CALL, 'dialects', 'store']),
    'runs one model call; its policy types are its own',
  ),
  layer('providers', folders([...ABOVE_THE_CALL, 'store']), 'speaks to upstreams only'),
  layer('dialects', folders([...ABOVE_THE_CALL, 'store']), 'translates wire formats only'),
  layer(
    'canonical',
    folders([...ABOVE_THE_CALL, 'store', 'streaming', 'providers', 'dialects']),
    'is the shared model',
  ),
  layer(
    'model-plane',
    folders(['server', 'control-plane', 'store']),
    'holds its own contract with the shell',
  ),
  layer('routes', folders(['server', 'control-plane', 'store']), "are the model plane's doors"),
  layer('control-plane', folders(['server', 'routes']), 'reaches the model plane through its contract only'),
];
