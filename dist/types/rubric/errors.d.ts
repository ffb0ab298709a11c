/** One problem in a config or rubric file, located for the person who must fix it. */
export interface ConfigProblem {
    file: string;
    line: number;
    column: number;
    /** Field path such as `plans[0].rubric.sections[2].minWords`; empty for the whole file. */
    path: string;
    message: string;
}
export declare function formatProblem(problem: ConfigProblem): string;
/** Thrown by config and rubric loading; the CLI exits 2 and the action fails with every problem listed. */
export declare class ConfigError extends Error {
    readonly problems: readonly ConfigProblem[];
    constructor(problems: readonly ConfigProblem[]);
}
export declare function formatPath(path: readonly PropertyKey[]): string;
/** Closest candidate by edit distance, for "did you mean" suggestions. */
export declare function closest(word: string, candidates: readonly string[]): string | undefined;
