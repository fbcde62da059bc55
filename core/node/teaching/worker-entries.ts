// Path of the teaching worker's entry (electron-vite bundles `?modulePath` imports as their own entries; vitest
// resolves them to the .ts source).
import teachingWorkerEntry from './teaching-worker?modulePath';

export { teachingWorkerEntry };
