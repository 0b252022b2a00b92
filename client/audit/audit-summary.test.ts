import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/audit/index.ts';
import { auditSummary } from './audit-summary.ts';

const entry = (kind: AuditEntry['kind'], payload: Record<string, unknown>): AuditEntry => ({
  seq: 1,
  at: '2026-01-01T00:00:00.000Z',
  kind,
  actor: null,
  payload,
  prevHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
});

describe('auditSummary', () => {
  it('says what a known kind records', () => {
    expect(auditSummary(entry('drawing.change', { change: 'create', drawingId: 'd1', symbol: 'BTCUSDT', shapeType: 'hline' }))).toBe(
      'create hline d1 on BTCUSDT',
    );
    expect(
      auditSummary(
        entry('simulation.run', {
          runId: '3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10',
          strategy: { id: 'ema-rsi', version: '1.0.0' },
          symbol: 'ETHUSDT',
          paramsHash: 'b'.repeat(64),
          datasetHash: 'sha256-00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
        }),
      ),
    ).toBe('ema-rsi v1.0.0 on ETHUSDT, run 3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10');
    expect(auditSummary(entry('config.change', { tradingMode: 'paper', bybitEnv: 'sim' }))).toBe('started in paper mode on Bybit sim');
    expect(auditSummary(entry('access.refusal', { reason: 'foreign_origin', status: 403, method: 'PUT', path: '/api/v1/drawings/x', role: null }))).toBe(
      'PUT /api/v1/drawings/x refused (403 foreign_origin) for a caller without a session',
    );
    expect(auditSummary(entry('access.login', { role: 'operator' }))).toBe('signed in as operator');
  });

  it('lists the first fields of a kind without a fixed payload', () => {
    expect(auditSummary(entry('kill_switch', { engaged: true, by: 'operator', reason: 'drawdown', limit: 5 }))).toBe(
      'engaged=true, by=operator, reason=drawdown, …',
    );
  });
});
