// The built-in studies, the studies run so far, and the one a person has open; re-read when a run changes status or
// a study starts (the backend's `run.status` and `studies.changed` events), so progress and verdicts stay current.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { StudyDetail, StudyInfo, StudySummary } from '../../../core/common/api/study-entities';
import { studiesApi } from '../api/api';
import { refreshOnEvents } from './refresh-on-events';
import { desktopApi } from '../api/desktop-api';
import { filesApi } from '../api/files-api';
import { errorMessage } from './error-message';

export const useStudiesStore = defineStore('studies', () => {
  const builtin = ref<StudyInfo[]>([]);
  const studies = ref<StudySummary[]>([]);
  const open = ref<StudyDetail | null>(null);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  /** The refusal of the last Run, by study id (a refused trial, named). */
  const runErrors = ref<Record<string, string>>({});
  const starting = ref<string | null>(null);
  /** Why the study asked for (Open, or an address such as #/studies/9) could not be shown; kept until another opens. */
  const openError = ref<string | null>(null);

  async function load(): Promise<void> {
    try {
      const list = await studiesApi.list();
      const openId = open.value?.id;
      const detail = openId === undefined ? null : await studiesApi.get(openId);
      builtin.value = list.builtin;
      studies.value = list.studies;
      if (detail !== null && open.value?.id === detail.id) open.value = detail;
      loaded.value = true;
      error.value = null;
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  /** Re-read on `run.status`, `studies.changed`; one read at a time, a burst of events during one ends in one more. */
  const { refresh, start } = refreshOnEvents(load, ['run.status', 'studies.changed']);

  async function run(studyId: string, budget: string): Promise<void> {
    starting.value = studyId;
    runErrors.value = { ...runErrors.value, [studyId]: '' };
    try {
      const { id } = await studiesApi.run(studyId, budget);
      open.value = await studiesApi.get(id);
      await refresh();
    } catch (caught) {
      runErrors.value = { ...runErrors.value, [studyId]: errorMessage(caught) };
    } finally {
      starting.value = null;
    }
  }

  async function show(id: number): Promise<void> {
    try {
      open.value = await studiesApi.get(id);
      openError.value = null;
    } catch (caught) {
      openError.value = errorMessage(caught);
    }
  }

  /**
   * The report (HTML) or the results (CSV) of a study, as a file: in browser mode downloaded from the server (its
   * bytes checked against the digest it sent), in the desktop app through Save as….
   */
  async function download(id: number, kind: 'html' | 'csv'): Promise<void> {
    const file = kind === 'html' ? 'report.html' : 'results.csv';
    try {
      if (filesApi.available()) await filesApi.download({ kind: 'study', studyId: id, file });
      else await desktopApi.saveStudyFile(id, file);
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  return { builtin, studies, open, openError, loaded, error, runErrors, starting, start, refresh, run, show, download };
});
