// The built-in tasks, loaded once from the backend.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { TaskInfo } from '../../../core/common/api/entities';
import { tasksApi } from '../api/api';
import { errorMessage } from './error-message';

export const useTasksStore = defineStore('tasks', () => {
  const tasks = ref<TaskInfo[]>([]);
  const error = ref<string | null>(null);
  const loaded = ref(false);

  async function load(): Promise<void> {
    if (loaded.value) return;
    try {
      tasks.value = await tasksApi.list();
      loaded.value = true;
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  function find(id: string): TaskInfo | undefined {
    return tasks.value.find((task) => task.id === id);
  }

  return { tasks, error, loaded, load, find };
});
