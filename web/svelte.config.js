import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// `pnpm test` builds into build-test, never into the build a running `pnpm start` came from.
		adapter: adapter({ out: process.env.TREEM_WEB_OUT ?? 'build' }),
		// Posts from other sites are refused in hooks.server.ts instead, in the reader's language
		// and for every body: SvelteKit's own check answers in English and only for form bodies.
		// ('*' is how SvelteKit 2 turns its check off.)
		csrf: { trustedOrigins: ['*'] },
		// mode 'auto': nonces for server-rendered pages, hashes for prerendered ones.
		// Kit itself relaxes style-src during `vite dev` so HMR can inject styles.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// The one inline style SvelteKit sets itself: its screen-reader route announcer.
				'style-src-attr': [
					'unsafe-hashes',
					'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='
				],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
