// The department's pages, one file per page or group of pages.
export { ATTACH_PREFIX, answerPrefix, type CaseNotice, CasePage, caseNotices, closeReasonId, TransferPage } from './case.tsx';
export { CasesPage } from './cases.tsx';
export { FIGURES_COLUMNS, FiguresPage } from './figures.tsx';
export { ReportsPage, RequestsPage } from './queues.tsx';
