// A study definition as studies.list and `seqlab study list` offer it: what it asks, what it reproduces, and how many
// runs each budget makes.
import type { StudyInfo } from '../../common/api/study-entities';
import type { StudyDefinition } from '../../common/studies/study-definition';
import { planStudy } from '../../common/studies/study-plan';

export function studyInfo(study: StudyDefinition): StudyInfo {
  return {
    id: study.id,
    version: study.version,
    title: study.title,
    question: study.question,
    citation: study.citation,
    budgets: Object.entries(study.budgets).map(([name, budget]) => ({ name, description: budget.description, runs: planStudy(study, name).trials.length })),
  };
}
