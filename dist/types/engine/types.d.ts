export type Severity = 'error' | 'warning';
export type SeveritySetting = Severity | 'off';
export type Verdict = 'PASS' | 'FAIL';
export interface Finding {
    /** Stable rule id, e.g. `checklist-unchecked`; also the docs page name. */
    ruleId: string;
    severity: Severity;
    /** What is wrong and what was expected, in one sentence. */
    message: string;
    /** 1-based line of the offending text. */
    line: number;
    /** 1-based column. */
    column: number;
    endLine?: number;
    /** Title of the plan section the finding belongs to (nearest heading), if any. */
    section?: string;
    /** How to fix it. */
    hint: string;
    /** Docs page of the rule. */
    url: string;
}
export interface DeclaredGate {
    value: Verdict;
    /** The text after `FAIL —`; null for PASS or a FAIL without reason. */
    reason: string | null;
    line: number;
}
export interface PlanResult {
    /** Repository-relative path with forward slashes. */
    file: string;
    /** Name of the rubric applied. */
    rubric: string;
    /** Why this rubric applied, e.g. `matched .spec-dev/**\/active-plan.md in .github/plan-gate.yml`. */
    rubricSource: string;
    verdict: Verdict;
    declaredGate: DeclaredGate | null;
    /** Whether the rubric requires the plan to declare its own gate. */
    gateRequired: boolean;
    findings: Finding[];
    /**
     * Findings a waiver or the baseline excuses: shown in every report, never
     * counted in the verdict. Absent when nothing was waived.
     */
    waived?: WaivedFinding[];
}
export interface WaivedFinding extends Finding {
    waiver: {
        by: 'waiver' | 'baseline';
        /** The waiver's reason, or which baseline file holds the finding. */
        reason: string;
        /** Last day the waiver holds (YYYY-MM-DD), if it expires. */
        expires?: string;
    };
}
export interface RunResult {
    verdict: Verdict;
    plans: PlanResult[];
}
/** When a plan fails: any error (default), any warning or error, or never. */
export type FailOn = 'error' | 'warning' | 'never';
