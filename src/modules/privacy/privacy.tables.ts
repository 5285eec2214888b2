export interface ProcessorTable {
  id: string;
  promise: string;
  name: string;
  service: string;
  data_shared: string;
  countries: string[];
  transfer_safeguard: string | null;
  updated_at: Date;
  updated_by: string | null;
}

export interface PrivacyTables {
  processor: ProcessorTable;
}
