// Runs after CustomFunctionsMetadataPlugin has put functions.json among the compilation's
// assets: adds allowErrorForDataTypeAny, and derives functions.<locale>.json for each
// translation file. Any mismatch is a build error, so a build never ships partial help.
const { readFileSync } = require("node:fs");
const path = require("node:path");
const { Compilation, WebpackError, sources } = require("webpack");
const { localizeMetadata, withErrorsForAny } = require("./metadata");

const PLUGIN = "LocalizedMetadataPlugin";

/** ASCII-only JSON: the Chinese text survives a server that sends no charset. */
function asciiJson(value) {
  return JSON.stringify(value, null, 4).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

class LocalizedMetadataPlugin {
  /** @param {{ metadata: string, translations: Record<string, string> }} options asset name; locale → translation file */
  constructor(options) {
    this.metadata = options.metadata;
    this.translations = Object.entries(options.translations).map(([locale, file]) => ({ locale, file: path.resolve(file) }));
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_DERIVED }, () => {
        for (const { file } of this.translations) compilation.fileDependencies.add(file);
        const asset = compilation.getAsset(this.metadata);
        if (!asset) {
          // The metadata plugin has already reported why it produced nothing.
          if (compilation.errors.length === 0) compilation.errors.push(new WebpackError(`${PLUGIN}: no ${this.metadata} was generated`));
          return;
        }
        try {
          this.process(compilation, JSON.parse(asset.source.source().toString()));
        } catch (error) {
          compilation.errors.push(new WebpackError(`${PLUGIN}: ${error instanceof Error ? error.message : String(error)}`));
        }
      });
    });
  }

  process(compilation, generated) {
    const metadata = withErrorsForAny(generated);
    compilation.updateAsset(this.metadata, new sources.RawSource(asciiJson(metadata)));
    for (const { locale, file } of this.translations) {
      const translations = JSON.parse(readFileSync(file, "utf8"));
      const localized = localizeMetadata(metadata, translations, locale);
      compilation.emitAsset(this.metadata.replace(/\.json$/, `.${locale}.json`), new sources.RawSource(asciiJson(localized)));
    }
  }
}

module.exports = { LocalizedMetadataPlugin };
