// permanence render: the work is in render/submission.ts, which the demo and
// the web workspace share.
export { render, type RenderOptions } from '../render/submission.js';
