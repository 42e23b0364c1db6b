import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { noticeOf, page, sendHtml } from '../../platform/http.tsx';
import { origin } from '../../platform/origin.ts';
import { href } from '../../platform/paths.ts';
import { parseForm } from '../../platform/text.ts';
import { fileNumberFormat, recentFiles, saveFileNumberFormat } from './files.ts';
import { FilesPage } from './views.tsx';

const listQuery = z.object({ show: z.enum(['all', 'transfers']).catch('all') });
const formatForm = z.object({ format: z.string().max(200) });
const notices = { saved: 'licensing.files.saved' } as const;

/**
 * The staff's files page: the authority's newest files, or only those that followed an expired
 * certificate (to review each exam-result transfer and its grounds), and the file-number format,
 * which administrators set.
 */
export function registerFileRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock }) {
  const { db } = deps;
  const show = async (request: { query: unknown }, staffAuthorityId: string) => {
    const query = listQuery.parse(request.query ?? {});
    const [format, rows] = await Promise.all([fileNumberFormat(db, staffAuthorityId), recentFiles(db, staffAuthorityId, { transfersOnly: query.show === 'transfers', limit: 100 })]);
    return { format, rows, show: query.show };
  };
  page(app, 'GET', 'licensing.staffFiles', async (request, reply, ctx, staff) => {
    const data = await show(request, staff.staffAuthorityId);
    return sendHtml(reply, <FilesPage ctx={ctx} staff={staff} {...data} notice={noticeOf(request, notices)} />);
  }, { access: 'staff' });
  page(app, 'POST', 'licensing.staffFiles', async (request, reply, ctx, staff) => {
    const parsed = parseForm(formatForm, request.body);
    const format = parsed.success ? parsed.data.format.trim() : '';
    const result = await saveFileNumberFormat(db, staff, format, deps.clock.now(), origin(request));
    if (result === 'ok') return reply.redirect(`${href('licensing.staffFiles', ctx.locale)}?notice=saved`, 303);
    const data = await show({ query: {} }, staff.staffAuthorityId);
    return sendHtml(reply, <FilesPage ctx={ctx} staff={staff} {...data} typedFormat={format} errors={{ format: 'licensing.invalid.fileNumberFormat' }} />, 400);
  }, { access: { staff: ['administrator'] } });
}
