/** `?raw` imports are a file's text (build/bundle-agent.mjs bundles it; vitest reads it the same way). */
declare module '*?raw' {
  const text: string;
  export default text;
}
