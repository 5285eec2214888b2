export interface ProcessingRestrictionTable {
  id: string;
  account_id: string;
  purpose: string;
  request_id: string | null;
  created_at: Date;
  lifted_at: Date | null;
}

export interface MarketingSuppressionTable {
  email_hash: string;
  reason: string;
  created_at: Date;
}

export interface MarketingTables {
  processing_restriction: ProcessingRestrictionTable;
  marketing_suppression: MarketingSuppressionTable;
}
