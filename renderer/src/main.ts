// Renderer entry: connect to the backend (Electron bridge or local server), then mount the app.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createAppRouter } from './router';
import NotConnected from './views/NotConnected.vue';
import { connectClient } from './api/client';
import { setApiClient } from './api/api';
import './styles/theme.css';

const connection = connectClient();
if (connection.ok) {
  setApiClient(connection.client);
  createApp(App).use(createPinia()).use(createAppRouter()).mount('#app');
} else {
  createApp(NotConnected, { reason: connection.reason }).mount('#app');
}
