/**
 * kubernetes-models and its siblings publish ES modules with only an "import" export condition.
 * Jest resolves with "require"; for those packages (and the ESM-only is-cidr / cidr-regex they
 * use) this resolver asks for the "import" files, which SWC then compiles to CommonJS.
 */
const ESM_ONLY = /^(kubernetes-models|@kubernetes-models\/[^/]+|is-cidr|cidr-regex)(\/|$)/;

module.exports = (request, options) => {
  if (ESM_ONLY.test(request)) {
    return options.defaultResolver(request, { ...options, conditions: ["import", "default"] });
  }
  return options.defaultResolver(request, options);
};
