/** Stands in for `@streamdown/code` when it is not installed: the bench then skips that column. */
export const code = undefined;
