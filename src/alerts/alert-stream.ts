import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { Alert } from './alert.entity';

/** Alerts as they are raised, for live dashboards; only committed alerts are published. */
@Injectable()
export class AlertStream {
  private readonly raised = new Subject<Alert>();

  publish(alerts: Alert[]): void {
    for (const alert of alerts) this.raised.next(alert);
  }

  get alerts(): Observable<Alert> {
    return this.raised.asObservable();
  }
}
