import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly usersService: UsersService) {}

  @Get(':id')
  findOne(@Param('id', ParseIntPipe) id: number) {
    return this.usersService.findOne(id);
  }

  @Get()
  list(@Query('role') role = 'member', @Query('domain') domain?: string) {
    return domain ? this.usersService.findByEmailDomain(domain) : this.usersService.findByRole(role);
  }
}
