// Kept equal to package.json's version by a test; bundled code cannot read package.json at run time.
export const VERSION = '1.0.0'
