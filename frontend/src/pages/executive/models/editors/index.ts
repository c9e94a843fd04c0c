import type { ComponentType } from 'react';
import type { EditorProps } from './types';
import { ScorecardEditor } from './ScorecardEditor';
import { matrixEditor } from './MatrixEditor';
import { PyramidEditor } from './PyramidEditor';
import { RfmEditor } from './RfmEditor';
import { LadderEditor, ProspectCloseEditor, SingleFactorEditor } from './LadderEditor';
import { JsonEditor } from './JsonEditor';

// One editor per model kind. A new kind (internal/grading) gets its editor
// here; until then the workbench falls back to the JSON editor, still
// validated live by the server.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each editor knows its own config shape
export const EDITORS: Record<string, ComponentType<EditorProps<any>>> = {
  WEIGHTED_SCORECARD: ScorecardEditor,
  INFLUENCE_VOLUME_MATRIX: matrixEditor(['influence', 'volume']),
  VALUE_MATRIX: matrixEditor(['current', 'potential']),
  PYRAMID: PyramidEditor,
  RFM: RfmEditor,
  TIERED_LADDER: LadderEditor,
  SINGLE_FACTOR: SingleFactorEditor,
  PROSPECT_CLOSE: ProspectCloseEditor,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function editorFor(kind: string): ComponentType<EditorProps<any>> {
  return EDITORS[kind] ?? (JsonEditor as ComponentType<EditorProps<any>>);
}
