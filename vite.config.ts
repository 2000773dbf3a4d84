import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

const clientRoot = fileURLToPath(new URL('./client', import.meta.url));

/**
 * Dev-server only: serve the two faces the way the production server does.
 * `/arbetsyta/...` gets the staff page, every other non-asset path the respondent page.
 */
function spaFallback(): Plugin {
  return {
    name: 'kartlaggning-spa-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '/';
        const path = url.split('?')[0];
        if (path === '/arbetsyta' || path.startsWith('/arbetsyta/')) {
          req.url = '/staff.html';
        } else if (path.startsWith('/s/') || path.startsWith('/o/')) {
          req.url = '/index.html';
        }
        next();
      });
    },
  };
}

/**
 * The HTML entries live in client/, so client/ must be the root whoever calls
 * Vite (CLI, or `build({root: repoRoot, configFile})` from the server): an
 * inline `root` would otherwise win and emit dist/client/client/index.html.
 */
function pinRoot(): Plugin {
  return {
    name: 'kartlaggning-pin-root',
    config(config) {
      config.root = clientRoot;
    },
  };
}

/**
 * Writes `name.br` (quality 11) and `name.gz` (level 9) next to every JS/CSS
 * asset, so the server can send them pre-compressed. On-the-fly brotli at the
 * `compression` default (quality 4) is no smaller than gzip for survey-core;
 * quality 11 brings the respondent page from ~460 KB to ~370 KB.
 */
function precompress(): Plugin {
  return {
    name: 'kartlaggning-precompress',
    apply: 'build',
    enforce: 'post',
    // After the files are written: only then is every chunk final (Vite's
    // own generateBundle hooks still rewrite code, e.g. the preload helper).
    writeBundle(options, bundle) {
      const dir = options.dir!;
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg)$/.test(fileName)) continue;
        const bytes = readFileSync(join(dir, fileName));
        if (bytes.length < 1024) continue;
        writeFileSync(join(dir, `${fileName}.br`), brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(join(dir, `${fileName}.gz`), gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

/**
 * The respondent page (index.html) names the survey library's chunks and
 * style sheet in `<link rel="modulepreload">` / `<link rel="preload">`, so a
 * phone starts downloading them with the page's own script instead of after
 * it has run: on a slow network that is most of the wait before the first
 * question (bench/respondent-page.ts).
 */
function preloadSurveyRuntime(): Plugin {
  return {
    name: 'kartlaggning-preload-survey-runtime',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle || !context.filename.endsWith('index.html')) return html;
        const runtime = Object.values(bundle).find(
          (output) => output.type === 'chunk' && (output.facadeModuleId ?? '').replace(/\\/g, '/').endsWith('/respondent/survey-runtime.tsx'),
        );
        if (!runtime || runtime.type !== 'chunk') return html;
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (fileName: string) => {
          const output = bundle[fileName];
          if (scripts.has(fileName) || !output || output.type !== 'chunk') return;
          scripts.add(fileName);
          for (const css of (output as { viteMetadata?: { importedCss: Set<string> } }).viteMetadata?.importedCss ?? []) styles.add(css);
          output.imports.forEach(visit);
        };
        visit(runtime.fileName);
        const already = (file: string) => html.includes(`/${file}"`);
        return {
          html,
          tags: [
            ...[...styles].filter((file) => !already(file)).map((file) => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', href: `/${file}`, crossorigin: true }, injectTo: 'head' as const })),
            ...[...scripts].filter((file) => !already(file)).map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', href: `/${file}`, crossorigin: true }, injectTo: 'head' as const })),
          ],
        };
      },
    },
  };
}

export default defineConfig({
  root: clientRoot,
  base: '/',
  plugins: [pinRoot(), react(), spaFallback(), preloadSurveyRuntime(), precompress()],
  resolve: {
    alias: [
      // domain/csv.ts imports csv-parse/sync; its Node build needs Buffer, the browser build brings its own.
      { find: 'csv-parse/sync', replacement: 'csv-parse/browser/esm/sync' },
      // Preact's React compatibility layer renders the pages (and survey-react-ui) with React's API in about
      // 10 KB instead of React DOM's 60 KB (Brotli): on a slow phone that is a quarter of a second before the
      // first question (bench/respondent-page.ts). The code is written, and typechecked, against React.
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    // survey-core is one large module (~310 KB gz); it is expected, not a mistake.
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
    rolldownOptions: {
      // The precompression (Brotli at quality 11) takes most of the build on purpose; the
      // timing report it triggers is noise in an operator's start-up log.
      checks: { bundlerTimings: false },
      input: {
        index: fileURLToPath(new URL('./client/index.html', import.meta.url)),
        staff: fileURLToPath(new URL('./client/staff.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
    },
  },
});
