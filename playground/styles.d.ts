// esbuild bundles the imported stylesheet into app.css.
declare module '*.css';
