// The GraphQL explorer (Altair, served from its npm package: nothing from a CDN) for signed-in
// adults at /explorer; everyone else gets a short page that says what it is and how to sign in.
import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { getDistDirectory, renderAltair } from 'altair-static';
import { parse as parseCookies } from 'cookie';
import type { Db } from '@treem/db/client';
import { localeFrom, type Locale } from './i18n.js';
import { maySeeSchema } from './modules/accounts/policy.js';
import { SESSION_COOKIE, viewerFromSession } from './modules/accounts/service.js';

/** The portal's language cookie wins over the browser's Accept-Language, as on every page. */
function pageLocale(req: Request): Locale {
  const lang = parseCookies(req.headers.cookie ?? '').lang;
  return lang === 'en' || lang === 'vi' ? lang : localeFrom(req.headers['accept-language']);
}

const text = {
  vi: {
    title: 'Trình khám phá API GraphQL',
    intro: 'Đây là nơi các cơ quan và người quản trị thử truy vấn API dữ liệu của TreEm Hub.',
    who: 'Trang này dành cho tài khoản người lớn (cán bộ, người điều phối, quản trị viên) đã đăng nhập.',
    signIn: 'Đăng nhập',
    child: 'Các em thiếu nhi không cần trang này: hãy về trang Hội đồng trẻ em.',
    home: 'Về trang chủ',
    api: 'Hệ thống của cơ quan gửi truy vấn POST tới /graphql (Content-Type: application/json); lược đồ nằm trong tệp schema/schema.graphql của dự án.',
  },
  en: {
    title: 'GraphQL API explorer',
    intro: "This is where agencies and administrators try out queries on TreEm Hub's data API.",
    who: 'It is for signed-in adult accounts (officers, moderators, administrators).',
    signIn: 'Sign in',
    child: "Children do not need this page: go back to the Children's Council.",
    home: 'Home',
    api: "Agency systems POST queries to /graphql (Content-Type: application/json); the schema is the project's schema/schema.graphql file.",
  },
} as const;

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function aboutPage(locale: Locale, signedIn: boolean) {
  const t = text[locale];
  const action = signedIn
    ? `<p>${escapeHtml(t.child)}</p><p><a href="/">${escapeHtml(t.home)}</a></p>`
    : `<p><a class="button" href="/login?redirectTo=%2Fexplorer">${escapeHtml(t.signIn)}</a></p>`;
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(t.title)} · TreEm Hub</title><link rel="stylesheet" href="/explorer/about.css"></head>
<body><main><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.intro)}</p><p>${escapeHtml(t.who)}</p>${action}<p class="note">${escapeHtml(t.api)}</p></main></body></html>`;
}

const aboutCss = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f8fb;color:#1b2430}
main{max-width:40rem;margin:3rem auto;padding:1.5rem 2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.5rem;margin-top:0}.button{display:inline-block;padding:.6rem 1.2rem;border-radius:8px;background:#0b6e4f;color:#fff;text-decoration:none}
.note{color:#4a5568;font-size:.9rem}a{color:#0b5e8a}`;

// Style elements Altair's editor (CodeMirror) inserts without a nonce, allowed by their exact
// content (altair-static 8.5.9; the browser test fails with the new hash when they change).
const editorStyleHashes = [
  "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
  "'sha256-KEusrVhJr9hIBdaMJvOVaP+WWz8kc3DCY43CCLLIGfY='",
  "'sha256-yk9i/VlAiCewfGAOHBXDc9YkttDeM+lHMEWQuZFElGM='",
];

function policy(nonce?: string) {
  const scripts = nonce ? `'self' 'nonce-${nonce}'` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    `style-src ${scripts}${nonce ? ` ${editorStyleHashes.join(' ')}` : ''}`,
    // The editor positions things with style attributes; attributes cannot run code.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

export function explorer({ prisma }: { prisma: Db }): Router {
  const router = express.Router();
  const page = async (req: Request, res: Response) => {
    const token = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
    const viewer = token ? await viewerFromSession({ prisma, token }) : null;
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    if (!maySeeSchema({ viewer })) {
      res.setHeader('Content-Security-Policy', policy());
      return res.status(viewer ? 403 : 401).type('html').send(aboutPage(pageLocale(req), viewer !== null));
    }
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', policy(nonce));
    res.type('html').send(
      renderAltair({
        baseURL: '/explorer/',
        endpointURL: '/graphql',
        initialName: 'TreEm Hub',
        initialQuery: '# TreEm Hub GraphQL API\n{\n  programme {\n    titleVi\n    tasks { number titleVi }\n  }\n}\n',
        disableAccount: true,
        cspNonce: nonce,
        initialSettings: { language: pageLocale(req) === 'vi' ? 'vi-VN' : 'en-US', 'plugin.list': [] },
      } as Parameters<typeof renderAltair>[0]),
    );
  };
  router.get('/', (req, res, next) => {
    // One address for the page: "/explorer/" so the app's relative assets resolve.
    if (req.originalUrl.split('?')[0] === '/explorer') return res.redirect(301, '/explorer/');
    page(req, res).catch(next);
  });
  router.get('/about.css', (_req, res) => res.type('css').send(aboutCss));
  router.use(express.static(getDistDirectory(), { index: false, fallthrough: false, immutable: false, maxAge: '1h' }));
  return router;
}
