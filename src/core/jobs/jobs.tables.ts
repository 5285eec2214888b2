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

/** When each recurring job runs next. */
export interface JobScheduleTable {
  kind: string;
  every_ms: number;
  next_run_at: Date;
}
