export interface JobTable {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  run_at: Date;
  locked_until: Date | null;
  attempts: number;
  last_error: string | null;
  done_at: Date | null;
  created_at: Date;
}
