import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In production one Node process serves /graphql and the portal on one port; in development
// the API runs on its own, so the dev and preview servers forward /graphql to it.
const proxy = {
	'/graphql': { target: process.env.API_ORIGIN ?? 'http://127.0.0.1:3000' }
};

export default defineConfig({
	plugins: [sveltekit()],
	server: { proxy },
	preview: { proxy }
});
