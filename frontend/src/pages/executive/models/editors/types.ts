// The contract between the grading workbench and a model kind's editor. A
// kind's editor is one component in its own file, listed in ./index.ts; a new
// kind is a new file and one line there. Configs are the JSON the API keeps
// (internal/grading's config types); the server validates every change
// (validateGradingModelConfig), so editors only shape the input.

export interface Metric {
  name: string;
  unit: string;
  labelZh: string;
  labelEn: string;
}

export interface EditorProps<C = Record<string, unknown>> {
  config: C;
  onChange: (next: C) => void;
  readOnly: boolean;
  metrics: Metric[];
}

export type ClassMapping = Record<string, string>;
