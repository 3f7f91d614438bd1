import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

/**
 * One watching agency's acknowledgement of an alert. The agency that owes the step and the lead
 * agency each answer for it, so one's "seen" never clears the alert for the other.
 */
@Entity('alert_acknowledgements')
export class AlertAcknowledgement {
  @PrimaryColumn({ name: 'alert_id', type: 'varchar', length: 36 })
  alertId!: string;

  @PrimaryColumn({ name: 'agency_id', type: 'varchar', length: 36 })
  agencyId!: string;

  @TimestampColumn({ name: 'acknowledged_at' })
  acknowledgedAt!: Date;

  /** The supervisor's username. */
  @Column({ name: 'acknowledged_by', type: 'varchar', length: 64 })
  acknowledgedBy!: string;
}
